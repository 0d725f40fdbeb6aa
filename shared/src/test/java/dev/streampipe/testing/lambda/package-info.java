/** Lambda runtime stand-ins for invoking handlers in process: tests, the local runner and replay. */
package dev.streampipe.testing.lambda;
