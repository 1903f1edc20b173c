import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Tree-shaken ECharts: only what the pages draw (STACK-NOTES pitfall 8: the esm core wrapper).
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

export interface ChartClick {
  dataIndex: number;
  name: string;
}

interface Props {
  option: ChartOption;
  height?: number;
  onClick?: (e: ChartClick) => void;
  testId?: string;
}

/** An ECharts chart that fills its container's width. */
export function Chart({ option, height = 300, onClick, testId }: Props) {
  return (
    <div data-testid={testId} style={{ width: '100%', minWidth: 0 }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onClick ? { click: (e: ChartClick) => onClick(e) } : undefined}
      />
    </div>
  );
}
