import { CheatSheet } from './CheatSheet';
import { CommandPalette } from './CommandPalette';
import { TeamHubDialog } from '../sync/TeamHubDialog';
import { MailHealthPanel } from '../mail/MailHealthPanel';
import { useDialogStore } from './dialogStore';

/** Whichever command dialog is open, if any. */
export function CommandDialogs() {
  const open = useDialogStore((s) => s.open);
  if (open === 'palette') return <CommandPalette />;
  if (open === 'cheatsheet') return <CheatSheet />;
  if (open === 'team-hub') return <TeamHubDialog />;
  if (open === 'mail-health') return <MailHealthPanel />;
  return null;
}
