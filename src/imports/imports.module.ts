import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../config/app-settings.js';
import { Clock } from '../shared/clock.js';
import { UploadedFiles, uploadsFolderFor } from './uploads/uploaded-files.js';
import { UploadsController } from './uploads/uploads.controller.js';

/** Files sent for import before the mutation that imports them (`POST /imports/files`). */
@Global()
@Module({
  controllers: [UploadsController],
  providers: [
    {
      provide: UploadedFiles,
      inject: [Clock, ConfigService],
      // Beside the store, where every server on it finds them (breaker9g P2).
      useFactory: (clock: Clock, config: ConfigService<AppSettings, true>) =>
        new UploadedFiles(clock, uploadsFolderFor({ EVENT_STORE: config.get('EVENT_STORE', { infer: true }), SQLITE_PATH: config.get('SQLITE_PATH', { infer: true }) })),
    },
  ],
  exports: [UploadedFiles],
})
export class ImportsModule {}
