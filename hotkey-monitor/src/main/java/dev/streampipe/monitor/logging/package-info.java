/** The monitor's log format: every line one JSON object in the shape all streampipe deployables log. */
package dev.streampipe.monitor.logging;
