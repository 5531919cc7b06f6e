package org.sermonuploader.model;

import java.nio.file.Path;

/**
 * A mounted removable medium.
 *
 * @param mountPath where it is mounted now, e.g. /media/pi/RECORDER
 * @param label the name to show: the filesystem label, else the mount folder's name
 * @param id what identifies it across plug-ins: "uuid:" + the filesystem UUID when the system knows
 *     it, else "name:" + the mount folder's name
 */
public record Stick(Path mountPath, String label, String id) {}
