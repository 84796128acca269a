package dev.facerec.api.rest.paging;

import dev.facerec.core.person.Page;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as every list endpoint answers it.
 *
 * @param page the page asked for, counted from 0
 * @param size the page size asked for
 * @param total how many items the whole list holds
 */
public record PageView<T>(List<T> items, int page, int size, long total) {
    public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }
}
