import { Global, Module } from '@nestjs/common';
import { UploadedFiles } from './uploads/uploaded-files.js';
import { UploadsController } from './uploads/uploads.controller.js';

/** Files sent for import before the mutation that imports them (`POST /imports/files`). */
@Global()
@Module({
  controllers: [UploadsController],
  providers: [UploadedFiles],
  exports: [UploadedFiles],
})
export class ImportsModule {}
