#!/bin/bash
# IBM backup-s2s-auth, the Event Notifications command as the page prints it.
ibmcloud iam authorization-policy-create is event-notification EventSourceManager --source-resource-type backup-policy --target-resource-instance $en-instance-ID
