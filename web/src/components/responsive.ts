import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768px): phones, where pages use compact layouts. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
