#!/bin/bash
# café in Latin-1
ibmcloud iam authorization-policies
