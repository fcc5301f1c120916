import { DomainError, messageZhOf, type Bilingual } from '../shared/domain-error.js';

/** A command-line tool's own refusal (a file that is not there), with its Chinese words. */
export class ToolRefusal extends Error {
  readonly messageZh: string;
  constructor(message: Bilingual) {
    super(message.en);
    this.messageZh = message.zh;
    this.name = 'ToolRefusal';
  }
}

/**
 * What a command-line tool prints when it stops on an error: `Refused: …` for a rule the input broke
 * (DomainError), `Failed: …` otherwise, each followed by the error's Chinese when it has one (the
 * office reads Chinese; every refusal the server prints at start does the same).
 */
export function failureText(error: unknown): string {
  const english = error instanceof DomainError ? `Refused: ${error.message}` : `Failed: ${error instanceof Error ? error.message : String(error)}`;
  const chinese = messageZhOf(error);
  return chinese ? `${english}\n${chinese}` : english;
}
