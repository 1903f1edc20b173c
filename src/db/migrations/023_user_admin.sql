-- User administration in the web app (docs/security.md, "User administration").
-- must_change_password: set by an administrator's password reset; until the user sets a new password
-- every API call but auth/me, auth/logout and auth/password answers 403 E_PASSWORD_CHANGE_REQUIRED.
-- disabled_at: when the account was disabled (the `disabled` flag of 001 stays the one test);
-- last_login_at: the latest successful sign-in.
alter table app_user
  add column must_change_password boolean not null default false,
  add column disabled_at timestamptz,
  add column last_login_at timestamptz;
