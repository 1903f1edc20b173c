import { Button, type ButtonProps } from 'antd';
import { useHref, useNavigate } from 'react-router-dom';

/**
 * A button that is a real link (an `<a href>`, so it opens in a new tab too) and navigates inside
 * the app on a plain click. Avoids nesting a `<button>` inside an `<a>`.
 */
export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  const href = useHref(to);
  return (
    <Button
      {...props}
      href={href}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        void navigate(to);
      }}
    />
  );
}
