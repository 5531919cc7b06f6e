/**
 * The words both faces speak: the plain states, snapshots and records that the window and the
 * command line show, and the listener through which they hear of them. It uses nothing else of
 * ours, so every other package may use it.
 */
package org.sermonuploader.model;
