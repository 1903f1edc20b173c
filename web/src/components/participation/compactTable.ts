/** The participation tables' common look: rows keyed by id, small, scrolling sideways when wide. */
export const COMPACT_TABLE = { rowKey: 'id', size: 'small', scroll: { x: 'max-content' } } as const;
