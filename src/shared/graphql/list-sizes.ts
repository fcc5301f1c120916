import { Global, Injectable, Module } from '@nestjs/common';

/** How large a list is: now, and the most it may hold on a past day (time travel). */
export interface ListSize {
  readonly now: () => number;
  readonly past: () => number;
  /** One parent's own list by its id (`FieldPrice.ofParent`), now or the most it may have held on a past day; undefined when there is no such parent. */
  readonly of?: (id: string, past: boolean) => number | undefined;
}

/**
 * The live sizes of the lists that grow with the data, by name (`@priced({ sized })`, query-cost.ts):
 * a feature registers how to count its list, the cost check reads it before a query runs, so a
 * whole list is priced at what it holds on this platform today, not at a guess. Knows no feature.
 */
@Injectable()
export class ListSizes {
  private readonly sizes = new Map<string, ListSize>();

  register(name: string, size: ListSize): void {
    this.sizes.set(name, size);
  }

  /** The list's size now, or on a past day (`past`); undefined when no feature counts it. */
  of(name: string, past: boolean, parentId?: string): number | undefined {
    const size = this.sizes.get(name);
    if (!size) return undefined;
    if (parentId !== undefined && size.of) return size.of(parentId, past) ?? (past ? size.past() : size.now());
    return past ? size.past() : size.now();
  }
}

/** One ListSizes per application, for every module (the cost check and the features that count). */
@Global()
@Module({ providers: [ListSizes], exports: [ListSizes] })
export class ListSizesModule {}
