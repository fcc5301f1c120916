import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../shared/domain-error.js';
import { UsersReadModel, type UserView } from './users.read-model.js';

export class ListUsersQuery extends Query<UserView[]> {}

export class GetUserQuery extends Query<UserView> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly users: UsersReadModel) {}

  execute() {
    return Promise.resolve(this.users.list());
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
