#!/bin/sh
echo "{\"n\": 1}"
echo "{\"n\": \"one\"}"
