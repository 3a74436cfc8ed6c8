import { MacroManager } from './MacroManager';
import { MacroPicker } from './MacroPicker';
import { useMacroUiStore } from './macroUiStore';

/** Mounted once by the app: shows the macro picker or manager when something asks for it. */
export function MacroLayer() {
  const pickerFor = useMacroUiStore((s) => s.pickerFor);
  const managerOpen = useMacroUiStore((s) => s.managerOpen);
  const close = useMacroUiStore((s) => s.close);
  if (pickerFor) return <MacroPicker conversationIds={pickerFor} onClose={close} />;
  if (managerOpen) return <MacroManager onClose={close} />;
  return null;
}
