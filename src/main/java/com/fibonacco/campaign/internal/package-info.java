@NullMarked
package com.fibonacco.campaign.internal;

import org.jspecify.annotations.NullMarked;
