import { findingGuidance } from '../../../../src/domain/guidance';
import { GuidanceNote } from './GuidanceNote';

/** Guidance for the findings of a quality check: how to verify in the field, what to say. */
export function FindingGuidance({ checkId }: { checkId: string }) {
  return <GuidanceNote guidance={findingGuidance(checkId)} testId={`guidance-finding-${checkId}`} />;
}
