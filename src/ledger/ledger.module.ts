import { Module } from '@nestjs/common';
import { HeadStatementResolver } from './head-statement.resolver.js';
import { HeadStatements } from './head-statements.js';
import { LedgerResolver } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';

/** The tamper-evident ledger over the event log (hash chain, signed RFC 6962 checkpoints, proofs, signed head statements). */
@Module({ providers: [LedgerService, LedgerResolver, HeadStatements, HeadStatementResolver], exports: [LedgerService] })
export class LedgerModule {}
