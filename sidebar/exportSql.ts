/** The sidebar's Export model as SQL button (README "When your leads outgrow Sheets"): opens the menu's dialog. */
import type { Api } from './rpc';
import { RpcError } from './rpc';
import { byId } from './render';

export function mountExportSql(api: Api): void {
  const button = byId<HTMLButtonElement>('export-sql-open');
  const status = byId('export-sql-status');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Opening …';
    try {
      const r = await api.openExportSqlDialog();
      status.textContent = r.ok ? '' : r.error;
    } catch (e) {
      status.textContent = e instanceof RpcError ? e.message : String(e);
    } finally {
      button.disabled = false;
    }
  });
}
