package org.sermonuploader.model;

/**
 * One reading of memory judged as the uploader judges it.
 *
 * @param sample the figures read
 * @param level the pressure they mean
 * @param budgetBytes the app's memory budget (MAX_MEMORY_MONITOR_MB)
 */
public record MemoryReading(MemorySample sample, PressureLevel level, long budgetBytes) {}
