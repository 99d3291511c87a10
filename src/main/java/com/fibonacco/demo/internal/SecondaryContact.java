package com.fibonacco.demo.internal;

/**
 * An additional person at a demo SMB (office manager, co-owner, ...). All components are
 * present.
 */
record SecondaryContact(String name, String email, String phone, String role) {

}
