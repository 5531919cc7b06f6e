package org.sermonuploader.usb;

import org.sermonuploader.model.Stick;

/** A stick's mount went away (unplugged, ejected). */
public record StickRemoved(Stick stick) {}
