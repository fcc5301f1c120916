import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Connection, type PageRequest } from '../pagination/page.js';
import { priced } from './query-cost.js';

/** A connection's edges and nodes hold the page: the connection field's `first` prices them (query-cost.ts). */
const ON_THE_PAGE = { items: 1 };

@ObjectType('PageInfo', { description: 'Where a page of a connection stands in its list' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'More items match after this page: ask again with after = endCursor' }) hasNextPage: boolean;
  @Field(() => Boolean, { description: 'Items match before this page (only ever true when after was given)' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the page’s last item; null on an empty page' }) endCursor: string | null;
}

/**
 * `first` / `after` on every connection field. The range of `first` is checked by `paginate`
 * (BAD_USER_INPUT with Chinese), so nested connection fields, which no pipe validates, refuse alike.
 */
@ArgsType()
export class PageArgs implements PageRequest {
  @Field(() => Int, { nullable: true, description: `Items on the page: 0 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  first?: number;

  @Field(() => String, { nullable: true, description: 'Start after this cursor (a pageInfo.endCursor or edges.cursor of the same list); omitted: from the beginning' })
  @IsOptional()
  @IsString()
  after?: string;
}

/**
 * A GraphQL connection type of `node` (`connectionType(FindingType, 'Finding')` declares
 * `FindingConnection { edges { cursor node } nodes pageInfo totalCount }` and `FindingEdge`),
 * resolved from a `Connection` that `paginate` built.
 */
export function connectionType<Node>(node: Type<Node>, name: string): Type<Connection<Node>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Pass as after to continue after this item' }) cursor: string;
    @Field(() => node) node: Node;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (cursor pagination: first / after)` })
  class ConnectionType {
    @Field(() => [EdgeType])
    @priced(ON_THE_PAGE)
    edges: EdgeType[];
    @Field(() => [node], { description: 'The page’s items, as in edges, without their cursors' })
    @priced(ON_THE_PAGE)
    nodes: Node[];
    @Field(() => PageInfoType) pageInfo: PageInfoType;
    @Field(() => Int, { description: 'Every item matching the filter, on all pages' }) totalCount: number;
  }

  return ConnectionType;
}

/**
 * Splits a connection field's arguments into the page asked and the filter, leaving out the
 * arguments the client omitted or sent as null (both mean "no filter").
 */
export function pageAndFilter<Args extends PageRequest>(args: Args): { page: PageRequest; filter: Omit<{ [K in keyof Args]?: Exclude<Args[K], null> }, 'first' | 'after'> } {
  const { first, after, ...rest } = args;
  const filter = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined));
  return { page: { first, after }, filter: filter as Omit<{ [K in keyof Args]?: Exclude<Args[K], null> }, 'first' | 'after'> };
}
