import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUser } from '../../api/auth';

/** "登记新农户": for users who may edit households (village cadres and up), on the household lists. */
export function RegisterLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  if (!user.permissions.editHouseholds) return null;
  return (
    <Button
      icon={<PlusOutlined />}
      onClick={() => void navigate('/register')}
      data-testid="register-household"
    >
      {t('registration.start')}
    </Button>
  );
}
