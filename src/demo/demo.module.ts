import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { RectificationModule } from '../rectification/rectification.module.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [OrganizationModule, RectificationModule], providers: [DemoSeeder] })
export class DemoModule {}
