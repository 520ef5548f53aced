#!/bin/sh
echo "{\"level\": \"low\"}"
