package com.fibonacco.smb;

import org.jspecify.annotations.Nullable;

/** One field's value before and after a change, as the API shows it. */
public record FieldChange(@Nullable Object oldValue, @Nullable Object newValue) {
}
