/**
 * SMB records: the businesses Fibonacco courts, with their contacts, consent and AI
 * context. API: {@link com.fibonacco.smb.Smbs} and the SMB events.
 */
@NullMarked
@ApplicationModule(displayName = "SMB")
package com.fibonacco.smb;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
