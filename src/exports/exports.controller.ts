import { Controller, Get, Header, HttpException, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthenticationService, signInFirst } from '../access/authentication/authentication.service.js';
import type { Actor } from '../shared/command-context.js';
import { httpRefusal } from '../http/http-refusal.js';
import { DomainError, ROLE_ZH, badInput, say } from '../shared/domain-error.js';
import { WorkAbandoned } from '../shared/request-scope.js';
import { makeExportFile } from './export-file-off-thread.js';
import { asciiExportFileName, exportFileName, EXPORT_FILE_STEM, type ExportFormat, type ExportKind } from './export-files.js';
import { ExportLedgerQuery, ExportWorkPlanQuery } from './export.queries.js';
import type { ExportTable } from './export-table.js';

/** Who may export: every reader; a UNIT only its own unit's rows (the queries scope them). */
const EXPORTERS = ['SUPERVISOR', 'INSPECTOR', 'ADMIN', 'UNIT'];

const CONTENT_TYPE: Readonly<Record<ExportFormat, string>> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

/**
 * `attachment; filename="ledger-2026-11-29.xlsx"; filename*=UTF-8''整改台账-2026-11-29.xlsx`: the Chinese name
 * percent-encoded (RFC 6266 / 5987), as webapi-api.md §3 promises the app, after an ASCII fallback for
 * clients that read only `filename` (`curl -OJ`; see `asciiExportFileName`).
 */
export function attachmentDisposition(kind: ExportKind, table: Pick<ExportTable, 'asOf' | 'knownAt' | 'unitName'>, format: ExportFormat): string {
  const fallback = asciiExportFileName(kind, table.asOf, format, table.knownAt, table.unitName !== undefined);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(exportFileName(kind, table.asOf, format, table.knownAt, table.unitName))}`;
}

/**
 * `GET /export/ledger.xlsx|csv?asOf=YYYY-MM-DD&knownAt=<ISO instant>&evaluationId=<id>` and
 * `GET /export/work-plan.xlsx|csv?asOf=YYYY-MM-DD&knownAt=<ISO instant>&planId=<id>` with `Authorization: Bearer <token>`
 * (session or API token): the 整改台账 or the work plan's progress as a download. Only translates
 * HTTP to the export queries; refusals answer in the GraphQL error shape with 400/401/403/404, and 429
 * (TOO_MANY_REQUESTS) when the caller already has an export waiting its turn — exports are made a
 * few at once, their files written off the main thread (makeExportFile, breaker12c P9).
 */
@Controller('export')
export class ExportsController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly queries: QueryBus,
  ) {}

  @Get(':file')
  @Header('Cache-Control', 'no-store')
  async download(
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
    @Param('file') file: string,
    @Query('asOf') asOf: string | undefined,
    @Query('knownAt') knownAt: string | undefined,
    @Query('evaluationId') evaluationId: string | undefined,
    @Query('planId') planId: string | undefined,
  ): Promise<StreamableFile> {
    try {
      const [kind, format] = this.parseFile(file);
      const reader = this.reader(request);
      const query =
        kind === 'ledger'
          ? new ExportLedgerQuery({ reader, asOf: single(asOf), knownAt: single(knownAt), evaluationId: single(evaluationId) })
          : new ExportWorkPlanQuery({ reader, asOf: single(asOf), knownAt: single(knownAt), planId: single(planId) });
      const { table, bytes } = await makeExportFile(() => this.queries.execute(query), format, EXPORT_FILE_STEM[kind]);
      response.setHeader('Content-Disposition', attachmentDisposition(kind, table, format));
      return new StreamableFile(bytes, { type: CONTENT_TYPE[format], length: bytes.byteLength });
    } catch (error) {
      // The caller has gone: nobody reads the answer (499, as nginx logs a client that closed the request).
      if (error instanceof WorkAbandoned) throw new HttpException('Client closed the request.', 499);
      if (!(error instanceof DomainError)) throw error;
      throw httpRefusal(error);
    }
  }

  private parseFile(file: string): [ExportKind, ExportFormat] {
    const match = /^(ledger|work-plan)\.(xlsx|csv)$/.exec(file);
    if (!match) {
      throw new DomainError('NOT_FOUND', say(`No export named "${file}": ledger.xlsx, ledger.csv, work-plan.xlsx or work-plan.csv.`, `没有名为“${file}”的导出：可导出 ledger.xlsx、ledger.csv、work-plan.xlsx 或 work-plan.csv。`));
    }
    return [match[1] as ExportKind, match[2] as ExportFormat];
  }

  /** The signed-in caller, as the GraphQL guard decides it (a pending password change is refused). */
  private reader(request: IncomingMessage): Actor {
    const signedIn = this.authentication.signedIn(request.headers.authorization);
    if (!signedIn) throw signInFirst();
    const { actor } = signedIn;
    if (!EXPORTERS.includes(actor.role) || (actor.role === 'UNIT' && !actor.unitId)) {
      throw new DomainError('FORBIDDEN', say(`${actor.role} users may not export.`, `${ROLE_ZH[actor.role] ?? actor.role}无权导出。`));
    }
    if (signedIn.mustChangePassword) {
      throw new DomainError('FORBIDDEN', say('Choose your own password first (changePassword): you signed in with an initial password.', '您使用的是初始密码，请先修改密码。'));
    }
    return actor;
  }
}

/** A query parameter given twice is refused rather than guessed. */
function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw badInput('Give each query parameter once.', '每个查询参数只能给出一次。');
  return value;
}
