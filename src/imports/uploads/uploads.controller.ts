import { Controller, HttpCode, HttpException, HttpStatus, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AuthenticationService } from '../../access/authentication/authentication.service.js';
import { httpRefusal } from '../../http/http-refusal.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { UploadedFiles, UploadNotKept, UploadsFull, type UploadReceipt } from './uploaded-files.js';

/** Who may send import files: those who may import something (plans, findings: SUPERVISOR; units: ADMIN). */
const UPLOADERS = ['SUPERVISOR', 'ADMIN'];

/**
 * `POST /imports/files?name=<file name>` with the file's raw bytes as the body (any content type)
 * and `Authorization: Bearer <token>`: keeps the file for an import mutation, which names it by
 * the `fileId` answered here. The body may be as large as an import takes (5 MB); configureHttp
 * reads it raw for this path only.
 */
@Controller('imports/files')
export class UploadsController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly uploads: UploadedFiles,
  ) {}

  @Post()
  @HttpCode(201)
  upload(@Req() request: IncomingMessage & { body?: unknown }, @Query('name') name: string | undefined): UploadReceipt {
    try {
      return this.receive(request, name);
    } catch (error) {
      if (error instanceof UploadsFull) {
        throw new HttpException({ errors: [{ message: error.message, extensions: { code: 'TOO_MANY_REQUESTS', messageZh: error.messageZh } }] }, HttpStatus.TOO_MANY_REQUESTS);
      }
      if (error instanceof UploadNotKept) {
        throw new HttpException({ errors: [{ message: error.message, extensions: { code: 'STORE_UNAVAILABLE', cause: error.reason, messageZh: error.messageZh } }] }, HttpStatus.SERVICE_UNAVAILABLE);
      }
      if (!(error instanceof DomainError)) throw error;
      // The GraphQL error shape, as configureHttp answers a refused body.
      throw httpRefusal(error);
    }
  }

  private receive(request: IncomingMessage & { body?: unknown }, name: string | undefined): UploadReceipt {
    const actor = this.authentication.authenticate(request.headers.authorization);
    if (!actor) throw new DomainError('UNAUTHENTICATED', say('Sign in first: send "Authorization: Bearer <token>".', '请先登录：请发送 "Authorization: Bearer <token>"。'));
    if (!UPLOADERS.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', say(`${actor.role} users may not import files.`, '您无权导入文件。'));
    }
    const body: unknown = request.body;
    const content = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
    return this.uploads.put(actor, (name ?? '').trim() || 'upload', content);
  }
}
