import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../shared/domain-error.js';
import type { Connection, PageRequest } from '../../shared/pagination/page.js';
import { UsersReadModel, type UserView } from './users.read-model.js';

/** A page of the accounts, oldest first. */
export class ListUsersQuery extends Query<Connection<UserView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

export class GetUserQuery extends Query<UserView> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly users: UsersReadModel) {}

  execute({ page }: ListUsersQuery) {
    return Promise.resolve(this.users.page(page));
  }
}

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly users: UsersReadModel) {}

  execute({ userId }: GetUserQuery) {
    const user = this.users.user(userId);
    if (!user) throw notFound('User', userId);
    return Promise.resolve(user);
  }
}
