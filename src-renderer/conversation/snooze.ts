/** Snooze presets in local time, the way agents think of "tomorrow morning". */
export function snoozePresets(now: Date): { label: string; until: number }[] {
  const at9 = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), 9, 0, 0, 0);
  const tomorrow = at9(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const monday = at9(new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday));
  return [
    { label: '1 hour', until: now.getTime() + 60 * 60 * 1000 },
    { label: 'Tomorrow 9:00', until: tomorrow.getTime() },
    { label: 'Next Monday 9:00', until: monday.getTime() },
  ];
}
