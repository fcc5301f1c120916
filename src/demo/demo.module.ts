import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [OrganizationModule], providers: [DemoSeeder] })
export class DemoModule {}
