/** The step a form place belongs to (`members.1.id_number` → members). */
export function stepOf(field: string): number {
  if (field.startsWith('members') || field.startsWith('facts.members')) return 1;
  if (field.startsWith('facts.spending')) return 3;
  if (field.startsWith('income')) return 2;
  if (/house_grade|house_area|safe_water|sanitary|land_|relocated|electricity|road_/.test(field)) return 3;
  return 0;
}
