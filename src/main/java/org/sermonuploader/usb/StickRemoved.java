package org.sermonuploader.usb;

/** A stick's mount went away (unplugged, ejected). */
public record StickRemoved(Stick stick) {}
