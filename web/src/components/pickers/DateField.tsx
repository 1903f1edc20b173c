import type { CSSProperties } from 'react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  /** The input's id (a Form.Item's label points to it). */
  id?: string;
  /** The date as the API takes it: YYYY-MM-DD (a China calendar day, no time). */
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  testId?: string;
  disabled?: boolean;
  /** Earliest and latest days offered (YYYY-MM-DD). */
  min?: string;
  max?: string;
  style?: CSSProperties;
  placeholder?: string;
}

const FORMAT = 'YYYY-MM-DD';

/**
 * The one date control of the forms (issue 20 item 3): Ant Design's DatePicker, in the app's language,
 * whose value is the ISO day string the API takes — so a form's values and defaults (todayChina()) stay
 * strings, and no native date input sits beside Ant Design's.
 */
export function DateField({ id, value, onChange, testId, disabled, min, max, style, placeholder }: Props) {
  const day = value ? dayjs(value, FORMAT) : null;
  return (
    <DatePicker
      id={id}
      data-testid={testId}
      value={day && day.isValid() ? day : null}
      format={FORMAT}
      disabled={disabled}
      placeholder={placeholder}
      style={{ width: '100%', minWidth: 140, ...style }}
      disabledDate={(d) =>
        (min !== undefined && d.format(FORMAT) < min) || (max !== undefined && d.format(FORMAT) > max)
      }
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : undefined)}
    />
  );
}
