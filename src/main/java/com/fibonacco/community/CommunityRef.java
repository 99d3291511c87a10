package com.fibonacco.community;

import java.time.ZoneId;

/** What other modules need to know of a community: its name and time zone. */
public record CommunityRef(CommunityId id, String name, String slug, String state, ZoneId timezone) {
}
