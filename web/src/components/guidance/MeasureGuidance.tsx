import { measureGuidance } from '../../../../src/domain/guidance';
import { GuidanceNote } from './GuidanceNote';

/** Guidance for a measure of the catalogue, by its kind (measure type). */
export function MeasureGuidance({ measureType, code }: { measureType: string; code: string }) {
  return <GuidanceNote guidance={measureGuidance(measureType)} testId={`guidance-measure-${code}`} />;
}
