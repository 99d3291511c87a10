/**
 * Tags of the tenant and the SMBs that carry them (seed 002 §1.1): tag CRUD, tagging one
 * SMB with several tags, and one tag on many SMBs at once. Internal to the SMB module;
 * publishes {@link com.fibonacco.smb.SmbTagged} and
 * {@link com.fibonacco.smb.SmbUntagged}.
 */
@NullMarked
package com.fibonacco.smb.tag;

import org.jspecify.annotations.NullMarked;
