import { Module } from '@nestjs/common';
import { LedgerResolver } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';

/** The tamper-evident ledger over the event log (hash chain, signed RFC 6962 checkpoints, proofs). */
@Module({ providers: [LedgerService, LedgerResolver], exports: [LedgerService] })
export class LedgerModule {}
