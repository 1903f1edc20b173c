import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../api/auth';
import { ErrorResult } from './ErrorResult';

/** Renders the child routes for a signed-in user; otherwise sends to /login (and back after). */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.data.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '20vh 0' }}>
      <Spin size="large" />
    </div>
  );
}
