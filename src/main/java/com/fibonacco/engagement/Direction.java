package com.fibonacco.engagement;

/** Which way a tier change went: tier 1 is the top. */
public enum Direction {

	UPGRADE, DOWNGRADE

}
