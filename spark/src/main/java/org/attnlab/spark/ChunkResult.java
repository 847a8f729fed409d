package org.attnlab.spark;

import java.io.Serializable;

/**
 * What a task reports back to the driver: sizes and times, for sizing a cluster (never in records).
 *
 * @param name          the part written
 * @param instances     instances computed
 * @param opened        whether the task opened its model (false: the executor's pool had it open)
 * @param openSeconds   time to get the model
 * @param computeSeconds time to make the records
 * @param partBytes     bytes of the part written
 */
public record ChunkResult(String name, int instances, boolean opened, double openSeconds, double computeSeconds, long partBytes)
        implements Serializable {
}
