package com.fibonacco.shared.web;

/**
 * A validated {@code page}/{@code per_page} pair. Pages count from 1; {@code per_page} is
 * at most {@value #MAX_PER_PAGE}.
 */
public record PageQuery(int page, int perPage) {

	public static final int MAX_PER_PAGE = 200;

	public static final int DEFAULT_PER_PAGE = 25;

	public PageQuery {
		if (page < 1) {
			throw ApiException.invalid("page", "must be 1 or more");
		}
		if (perPage < 1 || perPage > MAX_PER_PAGE) {
			throw ApiException.invalid("per_page", "must be between 1 and " + MAX_PER_PAGE);
		}
	}

	public static PageQuery of(Integer page, Integer perPage) {
		return new PageQuery(page == null ? 1 : page, perPage == null ? DEFAULT_PER_PAGE : perPage);
	}

	public long offset() {
		return (long) (page - 1) * perPage;
	}

}
