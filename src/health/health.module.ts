import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { UntrustedForwarding } from '../http/untrusted-forwarding.js';
import { ServingState } from './serving-state.js';

/** Liveness and readiness probes, and the process's serving state that shutdown and readiness share. */
@Global()
@Module({ controllers: [HealthController], providers: [ServingState, UntrustedForwarding], exports: [ServingState, UntrustedForwarding] })
export class HealthModule {}
