/** Long words and codes break anywhere, so a narrow phone screen never scrolls sideways. */
export const wrapText = { overflowWrap: 'anywhere' as const, wordBreak: 'break-word' as const };
