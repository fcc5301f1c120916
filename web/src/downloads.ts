import { reactive, ref } from 'vue';
import { tryDownload } from './api';

/**
 * A page's export buttons (整改台账, 工作方案进展 as XLSX or CSV): each format's download runs once
 * at a time — `busy[format]` is set before its request leaves, so a double click or a second press
 * while a large ledger is generated (seconds, in the export queue) sends nothing more and saves no
 * second file (breaker11i P2); its button shows 正在生成… meanwhile. `failure` holds the last
 * download's Chinese refusal ('' after a success).
 */
export function useDownloads<Format extends string>() {
  const busy = reactive({}) as Partial<Record<Format, boolean>>;
  const failure = ref('');
  async function run(format: Format, path: string): Promise<void> {
    if (busy[format]) return;
    busy[format] = true;
    try {
      failure.value = await tryDownload(path);
    } finally {
      busy[format] = false;
    }
  }
  return { busy, failure, run };
}
