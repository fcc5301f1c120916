import { InputType } from '@nestjs/graphql';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';

@InputType()
export class ImportUnitsInput extends FileUploadInput {}
