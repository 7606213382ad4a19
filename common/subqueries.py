"""Counts of related rows as scalar subqueries, for lists that page through an index."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet, field: str = "pk", *, distinct: bool = False) -> Subquery:
    """``COUNT(field)`` of a correlated queryset (filtered on ``OuterRef``), one value per outer row.

    ``Count()`` over a join makes the list a GROUP BY of every row before the page is cut, so PostgreSQL reads and
    sorts the whole table; a subquery per row of the page keeps "index scan + LIMIT".
    """
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else "%(function)s(%(expressions)s)"
    counted = Func(F(field), function="COUNT", template=template, output_field=IntegerField())
    return Subquery(rows.order_by().annotate(n=counted).values("n"), output_field=IntegerField())
