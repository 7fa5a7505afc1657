package cn.onecity.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code page} counts from 0. */
public record PageResult<T>(List<T> content, int page, int size, long totalElements) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(content.stream().map(f).toList(), page, size, totalElements);
    }

    /** Normalises a requested page number and size into safe bounds. */
    public static int page(Integer page) {
        return page == null || page < 0 ? 0 : page;
    }

    public static int size(Integer size) {
        if (size == null || size <= 0) {
            return DEFAULT_SIZE;
        }
        return Math.min(size, MAX_SIZE);
    }
}
